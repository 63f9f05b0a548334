package io.gatesync.common.person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CnicTest {

    @Test
    void dashedAndPlainFormsAreTheSameCnic() {
        assertThat(Cnic.parse("35202-1234567-1")).isEqualTo(Cnic.parse("3520212345671"));
        assertThat(Cnic.parse(" 35202-1234567-1 ").value()).isEqualTo("3520212345671");
    }

    @Test
    void formattedPutsTheDashesBack() {
        assertThat(Cnic.parse("3520212345671").formatted()).isEqualTo("35202-1234567-1");
    }

    @Test
    void wrongLengthsLettersAndMisplacedDashesAreRefusedWithTheFormat() {
        for (String bad : new String[] {
            "", "352021234567", "35202123456712", "35202-123456-71", "3520a12345671", "35202--1234567-1"
        }) {
            assertThatThrownBy(() -> Cnic.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("13 digits");
        }
        assertThat(Cnic.isValid(null)).isFalse();
    }
}
