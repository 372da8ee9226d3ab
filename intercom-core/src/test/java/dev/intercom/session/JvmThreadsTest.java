package dev.intercom.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JvmThreadsTest {

    @Test
    void findsTheJvmsOwnVmThreadByItsKernelName() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux only");
        int tid = JvmThreads.find("VM Thread").orElseThrow();
        assertEquals("VM Thread", Files.readString(Path.of("/proc/self/task/" + tid + "/comm")).strip());
        assertTrue(tid != ProcessHandle.current().pid(), "a thread of its own, not the process");
    }

    @Test
    void aNameNoThreadHasFindsNothing() throws Exception {
        assertTrue(JvmThreads.find("no such thread").isEmpty());
    }
}
