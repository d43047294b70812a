package io.periodclose.ops;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Role;
import org.springframework.stereotype.Component;

/** Puts the running-job guard and the launch lock on every job, so no job configuration can forget them. */
@Component
@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
class GuardEveryJob implements BeanPostProcessor {

    private final ObjectProvider<RunningJobGuard> guard;
    private final ObjectProvider<LaunchLock> launchLock;

    GuardEveryJob(ObjectProvider<RunningJobGuard> guard, ObjectProvider<LaunchLock> launchLock) {
        this.guard = guard;
        this.launchLock = launchLock;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(guard.getObject());
            // after the guard: the launch lock is released once the new execution's running mark is held
            job.registerJobExecutionListener(launchLock.getObject());
        }
        return bean;
    }
}
