package io.gatesync.common.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds and validates the {@code zkteco.*} settings; imported by the api and the worker. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ZktecoProperties.class)
public class ZktecoConfiguration {}
