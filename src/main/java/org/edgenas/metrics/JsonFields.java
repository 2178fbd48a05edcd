package org.edgenas.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.edgenas.common.BadInputException;
import org.edgenas.common.Json;

/** Reading typed fields from a JSON tree; a wrong one is a {@link BadInputException} naming file and field. */
final class JsonFields {
  private final String file;

  JsonFields(Path file) {
    this.file = file.toString();
  }

  /** Parses {@code path}; a missing file or malformed JSON is bad input. */
  JsonNode parse(Path path) {
    try {
      return Json.mapper().readTree(Files.readAllBytes(path));
    } catch (NoSuchFileException e) {
      throw new BadInputException(file + ": file not found");
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw BadInputException.at(file, line, "not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new BadInputException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  BadInputException bad(String field, String message) {
    return new BadInputException(file + ": " + field + " " + message);
  }

  JsonNode array(JsonNode node, String field) {
    if (node == null || !node.isArray()) throw bad(field, "must be a list, was " + describe(node));
    return node;
  }

  JsonNode object(JsonNode node, String field) {
    if (node == null || !node.isObject()) throw bad(field, "must be an object, was " + describe(node));
    return node;
  }

  /** Calls {@code visit} with each element of the list {@code root[name]}, checked to be an object, and its field path. */
  void eachObject(JsonNode root, String name, java.util.function.BiConsumer<JsonNode, String> visit) {
    JsonNode list = array(root.get(name), name);
    for (int i = 0; i < list.size(); i++) {
      String field = name + "[" + i + "]";
      visit.accept(object(list.get(i), field), field);
    }
  }

  /** Adds {@code id} to {@code seen}; a repeat is bad input at {@code field.id}. */
  <T> T unique(java.util.Set<T> seen, T id, String field) {
    if (!seen.add(id)) throw bad(field + ".id", "must be unique, " + id + " is listed twice");
    return id;
  }

  double number(JsonNode parent, String parentField, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isNumber() || !Double.isFinite(node.asDouble())) {
      throw bad(parentField + "." + name, "must be a finite number, was " + describe(node));
    }
    return node.asDouble();
  }

  /** An integer; integral floating values such as 7.0 are accepted as Python's dict keys accept them. */
  long integer(JsonNode parent, String parentField, String name) {
    JsonNode node = parent.get(name);
    if (node == null || !node.isNumber() || node.asDouble() != Math.rint(node.asDouble())
        || Math.abs(node.asDouble()) > 9.007199254740992E15) {
      throw bad(parentField + "." + name, "must be an integer, was " + describe(node));
    }
    return node.isIntegralNumber() ? node.asLong() : (long) node.asDouble();
  }

  int smallInteger(JsonNode parent, String parentField, String name) {
    long value = integer(parent, parentField, name);
    if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
      throw bad(parentField + "." + name, "must fit a 32-bit integer, was " + value);
    }
    return (int) value;
  }

  /** A COCO {@code [x, y, w, h]} box with finite values and w, h >= 0. */
  Box box(JsonNode parent, String parentField) {
    String field = parentField + ".bbox";
    JsonNode node = array(parent.get("bbox"), field);
    if (node.size() != 4) throw bad(field, "must be 4 numbers, was " + node.size());
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      if (!node.get(i).isNumber() || !Double.isFinite(node.get(i).asDouble())) {
        throw bad(field, "must be 4 numbers, was " + node);
      }
      v[i] = node.get(i).asDouble();
    }
    if (v[2] < 0 || v[3] < 0) throw bad(field, "width and height must be >= 0, was " + node);
    return new Box(v[0], v[1], v[2], v[3]);
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) return "missing";
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
