package com.maskfill.app.tools;

/**
 * Places dab centres along the pointer's path at a fixed spacing, carrying the leftover distance from
 * one segment to the next, so a fast stroke (far-apart events) is as continuous as a slow one.
 */
final class DabSpacer {

    interface DabSink {
        void dab(double x, double y);
    }

    private double lastX;
    private double lastY;
    /** Path length travelled since the last dab. */
    private double travelled;

    /** Starts a path at (x, y) and dabs there. */
    void start(double x, double y, DabSink sink) {
        lastX = x;
        lastY = y;
        travelled = 0;
        sink.dab(x, y);
    }

    /** Continues the path to (x, y), dabbing every {@code spacing} pixels of path. */
    void moveTo(double x, double y, double spacing, DabSink sink) {
        double dx = x - lastX;
        double dy = y - lastY;
        double length = Math.hypot(dx, dy);
        if (length == 0) {
            return;
        }
        double next = spacing - travelled;
        while (next <= length) {
            double t = next / length;
            sink.dab(lastX + dx * t, lastY + dy * t);
            next += spacing;
        }
        travelled = length - (next - spacing);
        lastX = x;
        lastY = y;
    }
}
