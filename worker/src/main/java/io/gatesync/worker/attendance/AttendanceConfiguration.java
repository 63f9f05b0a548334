package io.gatesync.worker.attendance;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.sync.SyncLog;

/** The attendance importer, with GateSync's terminal serial number and the policy for punch states 2–5. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PullSettings.class)
public class AttendanceConfiguration {

    @Bean
    AttendanceImporter attendanceImporter(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            BioTimeClock clock, SyncLog syncLog, ZktecoProperties settings, PullSettings pull) {
        return new AttendanceImporter(jdbc, transactions, clock, syncLog, settings.terminalSn(), pull.policy());
    }
}
