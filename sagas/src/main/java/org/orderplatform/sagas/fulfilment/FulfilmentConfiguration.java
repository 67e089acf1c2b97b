package org.orderplatform.sagas.fulfilment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FulfilmentSettings.class)
class FulfilmentConfiguration {}
