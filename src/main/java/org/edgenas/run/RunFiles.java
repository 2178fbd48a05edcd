package org.edgenas.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/** Reading the JSON files of a run folder: every problem is bad input naming the file and what was expected. */
final class RunFiles {
  private RunFiles() {}

  static JsonNode readJson(Path file) {
    try {
      JsonNode node = Json.mapper().readTree(Files.readString(file));
      if (node == null || !node.isObject()) throw new BadInputException(file + ": expected a JSON object");
      return node;
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + " is missing");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw BadInputException.at(file.toString(), line, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /** Refuses a file whose {@code format} and {@code version} are not the ones this code writes. */
  static void checkFormat(Path file, JsonNode node, String format, int version) {
    String found = node.path("format").asText("(none)");
    String foundVersion = node.path("version").asText("(none)");
    if (!format.equals(found) || node.path("version").asInt(-1) != version) {
      throw new BadInputException(file + ": format " + found + " version " + foundVersion + " is not supported (this edgenas reads "
          + format + " version " + version + ")");
    }
  }

  static <T> T convert(Path file, JsonNode node, Class<T> type) {
    try {
      return Json.mapper().treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
      throw new BadInputException(file + ": not a valid " + type.getSimpleName() + " (" + why.lines().findFirst().orElse("") + ")");
    }
  }
}
