package dev.intercom.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** Exceptions read as words, without Java's class names. */
class ProblemsTest {

    @Test
    void classNamesAreDroppedAndAMessagelessExceptionIsNamedBriefly() {
        assertEquals("x.csv: not a trace", Problems.text(new UncheckedIOException(new IOException("x.csv: not a trace"))));
        assertEquals("no route", Problems.text(new IllegalStateException("java.net.NoRouteToHostException: no route")));
        assertEquals("internal error (NullPointerException); run with --verbose for the details",
                Problems.text(new NullPointerException()));
        assertEquals("--rate: must be from 8000", Problems.text(new ConfigException("--rate", "must be from 8000")));
    }
}
