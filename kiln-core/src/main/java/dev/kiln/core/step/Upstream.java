package dev.kiln.core.step;

/** A value an upstream stage published, with the name of that stage. */
public record Upstream<T>(String stage, T value) {}
