package io.periodclose.simulation;

import io.periodclose.program.BonusProgram;

import java.util.Optional;

/**
 * The programmes of one simulation, parsed once per job execution from the copies stored with it: the draft, and
 * the programme in force when the quarter is open and a programme of its year exists.
 */
public record SimulationPrograms(BonusProgram draft, Optional<BonusProgram> current) {

    public Optional<BonusProgram> of(Side side) {
        return side == Side.DRAFT ? Optional.of(draft) : current;
    }
}
