package io.periodclose.ops;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.springframework.stereotype.Component;

/**
 * Switches off Spring Batch's observations of every single item read and processed ({@code spring.batch.item.read},
 * {@code spring.batch.item.process}); those of jobs, steps and chunk writes stay. With Actuator on the class path
 * each observation is a timer looked up by its tags in the meter registry: two per row, on the step's thread, which
 * cost the sales import more CPU than storing the row (measured in bench/README.md, "Import"). A per-row timer says
 * nothing the step's and the chunks' timers do not.
 */
@Component
class NoPerItemObservations implements ObservationPredicate {

    static final String ITEM_OBSERVATIONS = "spring.batch.item.";

    @Override
    public boolean test(String name, Observation.Context context) {
        return !name.startsWith(ITEM_OBSERVATIONS);
    }
}
