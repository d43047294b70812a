package io.periodclose.simulation;

/** The two calculations a simulation compares: the draft programme's and the programme in force's. */
public enum Side { DRAFT, CURRENT }
