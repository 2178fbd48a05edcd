package org.edgenas.space;

import java.util.List;
import java.util.Map;

/**
 * A layer as a space file declares it, each field fixed or a choice.
 *
 * @param channels nominal channels before width scaling; a fixed 0 where absent
 * @param args block arguments by name
 * @param group the group whose prune and bits settings the layer shares, or null
 * @param enabled fixed true, or a choice for optional layers
 * @param bypass the input that stands in for the layer when it is disabled
 */
record LayerTemplate(
    String name, int line, Setting block, List<String> from, Setting channels, Setting repeats,
    Map<String, Setting> args, Setting prune, Setting bits, String group, Setting enabled, String bypass) {}
