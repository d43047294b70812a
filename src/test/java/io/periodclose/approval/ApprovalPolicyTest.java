package io.periodclose.approval;

import io.periodclose.BadInputException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApprovalPolicyTest {

    @Test
    void approvalIsRequiredOnlyWhenSaidSoAndAnythingElseThanRequiredOrNoneIsBadInput() {
        MockEnvironment environment = new MockEnvironment();
        ApprovalPolicy policy = new ApprovalPolicy(environment);

        assertThat(policy.required()).as("default").isFalse();
        environment.setProperty(ApprovalPolicy.PROPERTY, "required");
        assertThat(policy.required()).isTrue();
        environment.setProperty(ApprovalPolicy.PROPERTY, " Required ");
        assertThat(policy.required()).isTrue();
        environment.setProperty(ApprovalPolicy.PROPERTY, "none");
        assertThat(policy.required()).isFalse();
        environment.setProperty(ApprovalPolicy.PROPERTY, "yes");
        assertThatThrownBy(policy::required).isInstanceOf(BadInputException.class)
                .hasMessage("period-close.approval must be required or none, not 'yes'");
    }
}
