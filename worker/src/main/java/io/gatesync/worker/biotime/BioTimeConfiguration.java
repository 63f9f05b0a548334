package io.gatesync.worker.biotime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

import io.gatesync.common.config.InvalidSettingException;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.config.ZktecoProperties.PunchChannel;

@Configuration(proxyBeanMethods = false)
public class BioTimeConfiguration {

    @Bean
    BioTimeClock bioTimeClock(ZktecoProperties settings) {
        return new BioTimeClock(settings);
    }

    @Bean
    BioTimeClient bioTimeClient(WebClient.Builder builder, ZktecoProperties settings) {
        return new BioTimeClient(builder, settings);
    }

    @Bean
    io.gatesync.worker.biotime.PunchChannel punchChannel(BioTimeClient client, BioTimeClock clock,
            ZktecoProperties settings) {
        if (settings.punchChannel() != PunchChannel.TRANSACTION_API) {
            // Refuse at start-up rather than accept punches this build cannot deliver.
            throw new InvalidSettingException("ZKTECO_PUNCH_CHANNEL", settings.punchChannel().name(),
                    "transaction-api (manual-log and adms are not in this build yet)");
        }
        return new TransactionApiChannel(client, clock, settings);
    }
}
