package org.edgenas.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.edgenas.arch.Architecture;
import org.edgenas.arch.Layer;
import org.edgenas.arch.Op;
import org.edgenas.space.SearchSpace;
import org.edgenas.space.SpaceLoader;

/**
 * A few seeded samples of the tiny and yolo-lite spaces (plus yolo11n and yolov8n for C2PSA and C2f) that together
 * use every block kind the spaces offer and every {@link Op} kind, each at imgsz 64 and 4 classes.
 */
final class CoveringArchitectures {
  private CoveringArchitectures() {}

  static final int IMGSZ = 64;

  static List<Architecture> pick() {
    List<Architecture> candidates = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(7);
    for (String file : List.of("spaces/tiny.yaml", "spaces/yolo-lite.yaml")) {
      SearchSpace space = SpaceLoader.load(Path.of(file), 4);
      candidates.add(space.freeze(space.defaultPicks()));
      for (int i = 0; i < 60; i++) candidates.add(space.freeze(space.samplePicks(random)));
    }
    for (String ref : List.of("yolo11n", "yolov8n")) {
      candidates.add(SpaceLoader.load(Path.of("spaces/reference/" + ref + ".yaml"), 4).freeze(new int[0]));
    }
    Set<String> wanted = new HashSet<>();
    for (Architecture a : candidates) wanted.addAll(features(a));
    List<Architecture> chosen = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    while (!covered.containsAll(wanted)) {
      Architecture best = null;
      int gain = 0;
      for (Architecture a : candidates) {
        Set<String> f = features(a);
        f.removeAll(covered);
        // prefer small networks among equal gains
        if (f.size() > gain || (f.size() == gain && gain > 0 && a.layers().size() < best.layers().size())) {
          best = a;
          gain = f.size();
        }
      }
      chosen.add(best);
      covered.addAll(features(best));
    }
    return chosen;
  }

  static Set<String> features(Architecture a) {
    Set<String> f = new HashSet<>();
    for (Layer l : a.layers()) f.add("block:" + l.kind());
    for (Op op : a.lower(IMGSZ).ops()) f.add("op:" + op.getClass().getSimpleName());
    return f;
  }

  static Set<String> allOpKinds() {
    Set<String> out = new HashSet<>();
    for (Class<?> c : Op.class.getPermittedSubclasses()) out.add("op:" + c.getSimpleName());
    return out;
  }

  static Set<String> blockKinds(List<Architecture> archs) {
    Set<String> out = new HashSet<>();
    for (Architecture a : archs) for (Layer l : a.layers()) out.add(l.kind().name());
    return out;
  }
}
