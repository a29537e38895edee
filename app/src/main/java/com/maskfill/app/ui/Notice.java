package com.maskfill.app.ui;

/**
 * A message for the user. The serial number makes two equal messages in a row two distinct events, so the
 * second one is shown too.
 */
public record Notice(String text, Severity severity, long serial) {

    public enum Severity { INFO, ERROR }
}
