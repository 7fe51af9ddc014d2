package dev.kiln.packaging;

/**
 * The image a package stage built, as it hands it downstream (a deploy stage runs it): the
 * version it packages, the image's digest, and the reference it was pushed to (empty if none).
 */
public record PackagedImage(String model, int version, String digest, String pushedTo) {}
