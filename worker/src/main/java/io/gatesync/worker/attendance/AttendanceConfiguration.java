package io.gatesync.worker.attendance;

import java.time.Clock;
import java.util.concurrent.Executors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeClock;

/** The attendance importer, with GateSync's terminal serial number and the punch-state policy. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PullSettings.class)
public class AttendanceConfiguration {

    @Bean
    AttendanceImporter attendanceImporter(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            BioTimeClock clock,
            ZktecoProperties settings,
            PullSettings pull,
            ParkingList parking) {
        // GATESYNC_PULL_IMPORT_THREADS threads import a page's batches; daemons, used only while a pull waits for
        // them (not a bean: an Executor bean would replace Spring's application task executor)
        CustomizableThreadFactory threads = new CustomizableThreadFactory("pull-batch-");
        threads.setDaemon(true);
        return new AttendanceImporter(
                jdbc,
                transactions,
                clock,
                settings.terminalSn(),
                pull.policy(settings.timezone()),
                parking,
                Executors.newFixedThreadPool(pull.importThreads(), threads),
                pull.importThreads());
    }

    @Bean
    ParkingList parkingList(JdbcTemplate jdbc) {
        return new ParkingList(jdbc);
    }

    @Bean
    TerminalWatch terminalWatch(
            BioTimeClient client,
            BioTimeClock clock,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            ZktecoProperties settings,
            PullSettings pull) {
        return new TerminalWatch(
                client,
                clock,
                jdbc,
                new TransactionTemplate(transactions),
                settings.terminalSn(),
                pull.terminalSilentAfter());
    }

    @Bean
    RestoreReread restoreReread(PunchReading reading, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new RestoreReread(reading, JdbcClient.create(jdbc), new TransactionTemplate(transactions));
    }

    @Bean
    ParkedRetry parkedRetry(ParkingList parking, AttendanceImporter importer) {
        return new ParkedRetry(parking, importer, Clock.systemUTC());
    }
}
