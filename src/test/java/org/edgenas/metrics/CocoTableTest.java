package org.edgenas.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CocoTableTest {
  @Test
  void printsPycocotoolsSummaryLinesThenOneRowPerClass() {
    // expected lines from Python: ' {:<18} {} @[ IoU={:<9} | area={:>6s} | maxDets={:>3d} ] = {:0.3f}'
    CocoMetrics m = new CocoMetrics(0.1235, 2.0 / 3, 0.0005, -1, 0.25, 1, 0, 0.5, 0.9999, -1, 0.3, 0.7,
        List.of(new ClassMetrics(1, "person", 12, 40, 0.5, 0.75), new ClassMetrics(3, "car", 0, 2, -1, -1)));
    String expected = """
         Average Precision  (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.123
         Average Precision  (AP) @[ IoU=0.50      | area=   all | maxDets=100 ] = 0.667
         Average Precision  (AP) @[ IoU=0.75      | area=   all | maxDets=100 ] = 0.001
         Average Precision  (AP) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000
         Average Precision  (AP) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.250
         Average Precision  (AP) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 1.000
         Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=  1 ] = 0.000
         Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets= 10 ] = 0.500
         Average Recall     (AR) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 1.000
         Average Recall     (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000
         Average Recall     (AR) @[ IoU=0.50:0.95 | area=medium | maxDets=100 ] = 0.300
         Average Recall     (AR) @[ IoU=0.50:0.95 | area= large | maxDets=100 ] = 0.700

        class      id       gt detections   AP50-95    AP50
        person      1       12         40     0.500   0.750
        car         3        0          2    -1.000  -1.000
        """;
    assertEquals(expected, m.table());
  }

  @Test
  void roundsLikePythonFromTheExactBinaryValue() {
    assertEquals("0.123", CocoTable.fixed3(0.1235)); // 0.12349999999999999866...; Java's %.3f says 0.124
    assertEquals("0.001", CocoTable.fixed3(0.0005)); // 0.000500000000000000010...
    assertEquals("-1.000", CocoTable.fixed3(-1));
  }
}
