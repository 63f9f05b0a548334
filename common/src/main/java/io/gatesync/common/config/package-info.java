/**
 * The {@code zkteco.*} settings, from the integration guide's ZKTECO_* variables and secret files, checked once at
 * start-up ({@link ZktecoProperties}), and the settings in force now, overridden by an operator in
 * {@code zkteco_config} ({@link RuntimeSettings}). {@link RuntimeSettingsConfiguration} is what the api and the
 * worker import. Frozen cycle: it enables {@code schedule.ScheduleSettings}, whose {@code Job} reads
 * {@link ZktecoProperties}.
 */
package io.gatesync.common.config;
