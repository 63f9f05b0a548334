package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.gatesync.worker.attendance.PunchPolicy.Rule;

/** How a page of punches is cut into transactions: by whole people, so overlapping imports lock different people. */
class ImportBatchesTest {

    private static final Instant DAY = Instant.parse("2026-11-21T00:00:00Z");

    @Test
    void aPageIsCutIntoBatchesOfWholePeopleEachInBioTimeOrder() {
        List<KnownPunch> page = new ArrayList<>();
        Random random = new Random(7);
        long id = 1;
        for (int round = 0; round < 20; round++) {
            for (int person = 1; person <= 200; person++) {
                page.add(punch(id++, person, round * 172L + random.nextInt(60)));
            }
        }
        Collections.shuffle(page, random);

        List<List<KnownPunch>> batches = AttendanceImporter.byPeople(page);

        assertThat(batches)
                .hasSizeGreaterThan(1)
                .allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(AttendanceImporter.BATCH_SIZE));
        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(page.size());
        Set<Long> peopleSeen = new HashSet<>();
        for (List<KnownPunch> batch : batches) {
            Set<Long> people = new HashSet<>();
            batch.forEach(p -> people.add(p.personId()));
            assertThat(people.stream().filter(peopleSeen::contains))
                    .as("a person is in one batch only")
                    .isEmpty();
            peopleSeen.addAll(people);
            for (long person : people) {
                List<KnownPunch> own =
                        batch.stream().filter(p -> p.personId() == person).toList();
                assertThat(own)
                        .isSortedAccordingTo(
                                Comparator.comparing(KnownPunch::time).thenComparingLong(KnownPunch::id))
                        .hasSize(20);
            }
        }
    }

    @Test
    void aPersonWithMoreThanABatchIsSplitIntoPartsInTimeOrder() {
        List<KnownPunch> page = new ArrayList<>();
        int many = AttendanceImporter.BATCH_SIZE * 2 + 10;
        for (int i = many; i > 0; i--) {
            page.add(punch(i, 1, i));
        }
        page.add(punch(many + 1, 2, 5));

        List<List<KnownPunch>> batches = AttendanceImporter.byPeople(page);

        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeLessThanOrEqualTo(AttendanceImporter.BATCH_SIZE));
        assertThat(batches.stream().flatMap(List::stream).filter(p -> p.personId() == 1))
                .hasSize(many);
        for (List<KnownPunch> batch : batches) {
            assertThat(batch.stream().filter(p -> p.personId() == 1).toList())
                    .isSortedAccordingTo(Comparator.comparing(KnownPunch::time));
        }
        assertThat(batches.stream().flatMap(List::stream).filter(p -> p.personId() == 2))
                .hasSize(1);
    }

    @Test
    void aPageIsCutIntoAMultipleOfTheBatchThreadsSoNoneIdlesAtTheEnd() {
        assertThat(AttendanceImporter.batchSize(5000, 4))
                .as("8 batches of 625, not 5 of 1,000")
                .isEqualTo(625);
        assertThat(AttendanceImporter.batchSize(4000, 4)).as("one round of 4").isEqualTo(1000);
        assertThat(AttendanceImporter.batchSize(100, 4)).isEqualTo(25);
        assertThat(AttendanceImporter.batchSize(1, 4)).isEqualTo(1);
        assertThat(AttendanceImporter.batchSize(100_000, 4)).isLessThanOrEqualTo(AttendanceImporter.BATCH_SIZE);
        assertThat(AttendanceImporter.batchSize(5000, 1)).isEqualTo(1000);
    }

    private static KnownPunch punch(long id, long person, long second) {
        return new KnownPunch(
                id,
                id % 2 == 0 ? Rule.OUT : Rule.IN,
                DAY.plusSeconds(second),
                person,
                "35202" + String.format("%08d", person),
                "T1");
    }
}
