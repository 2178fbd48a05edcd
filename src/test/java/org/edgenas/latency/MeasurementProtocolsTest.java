package org.edgenas.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.edgenas.common.YamlDoc;
import org.edgenas.profile.EvaluatorProfiles;
import org.edgenas.latency.MeasurementProtocol.Field;
import org.junit.jupiter.api.Test;

class MeasurementProtocolsTest {
  private static MeasurementProtocol parse(String yaml) {
    return EvaluatorProfiles.parse(YamlDoc.parse(yaml, "p.yaml"), Path.of("p.yaml")).latency();
  }

  private static String error(String yaml) {
    return assertThrows(BadInputException.class, () -> parse(yaml)).getMessage();
  }

  @Test
  void shippedDefaultProfileEqualsTheCodeDefault() {
    assertEquals(MeasurementProtocol.DEFAULT, EvaluatorProfiles.load(Path.of("evaluators/latency-default.yaml")).latency());
  }

  @Test
  void readsEveryFieldAndDefaultsTheRest() {
    MeasurementProtocol p = parse("compress: {finetune_steps: 5}\nlatency:\n  repeats: 30\n  intra_op_threads: 2\n  max_cv: 0.2\n");
    MeasurementProtocol expected =
        MeasurementProtocol.DEFAULT.with(Field.REPEATS, 30).with(Field.INTRA_OP_THREADS, 2).with(Field.MAX_CV, 0.2);
    assertEquals(expected, p);
  }

  @Test
  void outOfRangeValueNamesFileLineFieldRangeAndValue() {
    assertEquals("p.yaml:3: latency.repeats must be an integer 2..1000000, was 0",
        error("latency:\n  warmup_iterations: 5\n  repeats: 0\n"));
  }

  @Test
  void fractionalCountIsRejected() {
    assertEquals("p.yaml:2: latency.intra_op_threads must be an integer 1..1024, was 2.5",
        error("latency:\n  intra_op_threads: 2.5\n"));
  }

  @Test
  void nonNumberIsRejectedWithItsText() {
    assertEquals("p.yaml:2: latency.max_cv must be a number 0.001..10, was 'ten percent'",
        error("latency:\n  max_cv: ten percent\n"));
  }

  @Test
  void unknownKeyListsTheAllowedOnes() {
    assertEquals("p.yaml:3: unknown key 'latency.repeat'; allowed: warmup_iterations, "
        + "warmup_min_seconds, repeats, intra_op_threads, max_cv, max_retries",
        error("latency:\n  repeats: 5\n  repeat: 5\n"));
  }

  @Test
  void repeatedKeyIsRejected() {
    assertEquals("p.yaml:3: latency.repeats appears twice", error("latency:\n  repeats: 5\n  repeats: 6\n"));
  }

  @Test
  void missingSectionIsTheDefaultAndNonMappingSectionIsRejected() {
    assertEquals(MeasurementProtocol.DEFAULT, parse("compress: {}\n"));
    assertEquals("p.yaml:1: latency must be a mapping", error("latency: 5\n"));
  }

  @Test
  void brokenYamlAndMissingFileAreBadInput() {
    error("latency:\n  repeats: [5\n");
    String missing = assertThrows(BadInputException.class,
        () -> EvaluatorProfiles.load(Path.of("no/such/profile.yaml"))).getMessage();
    assertEquals("no/such/profile.yaml: no such file", missing);
  }

  @Test
  void withChangesExactlyTheNamedField() {
    MeasurementProtocol p = new MeasurementProtocol(1, 2, 3, 4, 5, 6);
    for (Field field : Field.values()) {
      MeasurementProtocol changed = p.with(field, 7);
      for (Field other : Field.values()) {
        assertEquals(other == field ? 7 : p.value(other), changed.value(other), field + " changed " + other);
      }
    }
    assertEquals(3, p.repeats());
    assertEquals(4, p.with(Field.MAX_CV, 0.5).intraOpThreads());
  }

  @Test
  void recordRejectsOutOfRangeValuesDirectly() {
    assertEquals("max_retries must be an integer 0..20, was -1",
        assertThrows(IllegalArgumentException.class, () -> MeasurementProtocol.DEFAULT.with(Field.MAX_RETRIES, -1))
            .getMessage());
  }
}
