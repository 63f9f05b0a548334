package io.gatesync.worker.schedule;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.PullAttendanceCommand;
import io.gatesync.common.pull.PullPlanner;
import io.gatesync.common.schedule.Job;
import io.gatesync.common.schedule.ScheduleSettings;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.sync.CommandPublisher;

/**
 * The periodic attendance pull: plans the window from the stored watermark (reaching back ZKTECO_PULL_OVERLAP
 * into the previous one, ending {@code pullLag} in the past, for terminals that upload late), queues one command
 * per chunk for the workers to import in parallel, and only then moves the watermark. Chunks whose command went
 * missing (still pending long after) are queued again. Importing a punch twice changes nothing.
 */
@Component
public class AttendancePullJob {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CommandPublisher publisher;
    private final JobState state;
    private final ScheduleSettings schedule;
    private final io.gatesync.common.config.RuntimeSettings settings;
    private final PullPlanner planner;

    public AttendancePullJob(JdbcClient jdbc, TransactionTemplate tx, CommandPublisher publisher, JobState state,
            ScheduleSettings schedule, io.gatesync.common.config.RuntimeSettings settings) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.state = state;
        this.schedule = schedule;
        this.settings = settings;
        this.planner = new PullPlanner(jdbc);
    }

    public int pull() {
        int requeued = requeueLostChunks();
        Instant to = Instant.now().minus(schedule.pullLag());
        Instant watermark = state.watermark(Job.ATTENDANCE_PULL).orElse(to.minus(schedule.initialLookback()));
        Instant from = watermark.minus(settings.current().pullOverlap());
        if (!from.isBefore(to)) {
            return requeued;
        }
        PullPlanner.Plan plan = tx.execute(status -> planner.plan(PullPlanner.Kind.PERIODIC, from, to,
                schedule.pullChunk(), "schedule"));
        List<Command> commands = plan.chunks().stream()
                .map(c -> (Command) new PullAttendanceCommand(UUID.randomUUID().toString(), c.id(), Instant.now()))
                .toList();
        int queued = publisher.publishAll(commands).size();
        if (queued == commands.size()) {
            state.watermark(Job.ATTENDANCE_PULL, to);
        }
        return queued + requeued;
    }

    private int requeueLostChunks() {
        Instant before = Instant.now().minus(schedule.requeueAfter());
        List<Long> lost = jdbc.sql("SELECT id FROM pull_chunks WHERE status = 'PENDING' AND queued_at < ? LIMIT 500")
                .param(DbTime.toDb(before)).query(Long.class).list();
        List<Command> confirmed = publisher.publishAll(lost.stream()
                .map(id -> (Command) new PullAttendanceCommand(UUID.randomUUID().toString(), id, Instant.now()))
                .toList());
        List<Long> ids = confirmed.stream().map(c -> ((PullAttendanceCommand) c).chunkId()).toList();
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE pull_chunks SET queued_at = :now WHERE id IN (:ids)").param("now", DbTime.now())
                    .param("ids", ids).update();
        }
        return ids.size();
    }
}
