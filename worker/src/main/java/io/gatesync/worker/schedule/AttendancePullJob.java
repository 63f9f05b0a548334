package io.gatesync.worker.schedule;

import java.time.Instant;
import java.util.ArrayList;
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
import io.gatesync.worker.attendance.PullCursor;
import io.gatesync.worker.command.CommandPublisher;

/**
 * The periodic attendance pull: queues a read of every punch BioTime got since the last one, whatever its punch time
 * (an ARRIVALS chunk: terminals upload late, sometimes by months), and only then moves the watermark. The window from
 * the stored watermark (reaching back ZKTECO_PULL_OVERLAP, ending {@code pullLag} in the past) is what that read
 * covers by punch time when BioTime keeps no order to read arrivals by, and, on the first run, what is read by
 * punch time in chunks, in parallel. Chunks whose command went missing (still pending long after) are queued again.
 * Importing a punch twice changes nothing.
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
    private final PullCursor cursor;

    public AttendancePullJob(
            JdbcClient jdbc,
            TransactionTemplate tx,
            CommandPublisher publisher,
            JobState state,
            ScheduleSettings schedule,
            io.gatesync.common.config.RuntimeSettings settings,
            PullCursor cursor) {
        this.cursor = cursor;
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
        boolean firstRun = cursor.load().isEmpty();
        List<PullPlanner.Chunk> chunks = tx.execute(status -> {
            // by arrival: punches a terminal uploads late are found whatever their time; the first run also reads
            // the window before (by punch time), since the arrival read only notes where BioTime stands
            List<PullPlanner.Chunk> planned =
                    new ArrayList<>(planner.planArrivals(from, to, "schedule").chunks());
            if (firstRun) {
                planned.addAll(planner.plan(PullPlanner.Kind.PERIODIC, from, to, schedule.pullChunk(), "schedule")
                        .chunks());
            }
            return planned;
        });
        List<Command> commands = chunks.stream()
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
                .param(DbTime.toDb(before))
                .query(Long.class)
                .list();
        List<Command> confirmed = publisher.publishAll(lost.stream()
                .map(id -> (Command) new PullAttendanceCommand(UUID.randomUUID().toString(), id, Instant.now()))
                .toList());
        List<Long> ids = confirmed.stream()
                .map(c -> ((PullAttendanceCommand) c).chunkId())
                .toList();
        if (!ids.isEmpty()) {
            jdbc.sql("UPDATE pull_chunks SET queued_at = :now WHERE id IN (:ids)")
                    .param("now", DbTime.now())
                    .param("ids", ids)
                    .update();
        }
        return ids.size();
    }
}
