package io.gatesync.common.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.ReturnedMessage;
import org.springframework.amqp.rabbit.connection.CorrelationData;

/** The broker's four answers to a confirmed, mandatory publish, told apart by kind (never by the message text). */
class ConfirmationTest {

    private static final Duration WAIT = Duration.ofMillis(50);

    @Test
    void anAckIsConfirmed() {
        CorrelationData sent = new CorrelationData("1");
        sent.getFuture().complete(new CorrelationData.Confirm(true, null));

        Confirmation confirmation = Confirmation.await(sent, WAIT);

        assertThat(confirmation.confirmed()).isTrue();
        assertThat(confirmation.problem()).isNull();
    }

    @Test
    void aNackSaysWhy() {
        CorrelationData sent = new CorrelationData("2");
        sent.getFuture().complete(new CorrelationData.Confirm(false, "queue at its limit"));

        Confirmation confirmation = Confirmation.await(sent, WAIT);

        assertThat(confirmation.kind()).isEqualTo(Confirmation.Kind.NACKED);
        assertThat(confirmation.problem()).contains("queue at its limit");
    }

    @Test
    void aMessageNoQueueTookIsReturnedThoughTheBrokerAcksIt() {
        CorrelationData sent = new CorrelationData("3");
        sent.setReturned(new ReturnedMessage(
                new Message(new byte[0], new MessageProperties()), 312, "NO_ROUTE", "commands", "entry.sync"));
        sent.getFuture().complete(new CorrelationData.Confirm(true, null));

        Confirmation confirmation = Confirmation.await(sent, WAIT);

        assertThat(confirmation.kind()).isEqualTo(Confirmation.Kind.RETURNED);
        assertThat(confirmation.confirmed()).isFalse();
        assertThat(confirmation.problem()).contains("NO_ROUTE");
    }

    @Test
    void noWordInTimeIsNotConfirmed() {
        Confirmation confirmation = Confirmation.await(new CorrelationData("4"), WAIT);

        assertThat(confirmation.kind()).isEqualTo(Confirmation.Kind.NO_CONFIRM);
        assertThat(confirmation.problem()).startsWith("no confirm within");
    }
}
