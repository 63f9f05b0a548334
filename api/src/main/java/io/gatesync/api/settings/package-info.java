/**
 * The settings an operator changes without a restart: {@link SettingsController} ({@code GET/PUT /zkteco/settings})
 * writes {@code zkteco_config}, which every node's {@code RuntimeSettings} reads (the periodic jobs' intervals and the
 * pull's state policy among them), and lists the latest changes ({@link SettingsHistory}).
 */
package io.gatesync.api.settings;
