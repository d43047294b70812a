package io.periodclose.ops;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Role;
import org.springframework.stereotype.Component;

/** Puts the running-job guard on every job, so no job configuration can forget it. */
@Component
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
class GuardEveryJob implements BeanPostProcessor {

    private final ObjectProvider<RunningJobGuard> guard;

    GuardEveryJob(ObjectProvider<RunningJobGuard> guard) {
        this.guard = guard;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(guard.getObject());
        }
        return bean;
    }
}
