package org.edgenas.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RemoteCommandTest {
  @Test
  void argumentsAreSingleQuoted() {
    assertEquals("cat 'a b' 'it'\\''s'", RemoteCommand.of("cat {} {}", "a b", "it's").render());
    assertEquals("timeout -s KILL 3 sh -c 'echo '\\''x'\\'''",
        RemoteCommand.of("echo {}", "x").wrapped(Duration.ofMillis(2001)));
  }

  @Test
  void wrongArgumentCountOrNulIsRefused() {
    assertEquals("template has 1 placeholders {} but 2 arguments were given: echo {}",
        assertThrows(IllegalArgumentException.class, () -> RemoteCommand.of("echo {}", "a", "b")).getMessage());
    assertThrows(IllegalArgumentException.class, () -> RemoteCommand.of("echo {}", "a\0b"));
  }

  @Test
  void logsSeeTheTemplateNotTheArguments() {
    assertEquals("scp-like {} {}", RemoteCommand.of("scp-like {} {}", "secret-token", "x").toString());
  }

  @Test
  void wrappedCommandRoundTripsNastyArgumentsThroughARealShell() throws Exception {
    String[] nasty = {"it's", "$(echo injected)", "`id`", "a\nb", "\\", "*", "", "'\"'", "; exit 9"};
    String line = RemoteCommand.of("printf '%s|'" + " {}".repeat(nasty.length), nasty).wrapped(Duration.ofSeconds(5));
    Process p = new ProcessBuilder("/bin/sh", "-c", line).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor());
    assertEquals(String.join("|", nasty) + "|", out);
  }
}
