package org.edgenas.train;

/** Complete IoU (CIoU) of two corner boxes on the host, as Ultralytics' bbox_iou(CIoU=True). */
final class BoxIou {
  static final double EPS = 1e-7;

  private BoxIou() {}

  static double ciou(double ax1, double ay1, double ax2, double ay2, double bx1, double by1, double bx2, double by2) {
    double w1 = ax2 - ax1, h1 = ay2 - ay1 + EPS, w2 = bx2 - bx1, h2 = by2 - by1 + EPS;
    double iw = Math.max(0, Math.min(ax2, bx2) - Math.max(ax1, bx1));
    double ih = Math.max(0, Math.min(ay2, by2) - Math.max(ay1, by1));
    double inter = iw * ih;
    double iou = inter / (w1 * h1 + w2 * h2 - inter + EPS);
    double cw = Math.max(ax2, bx2) - Math.min(ax1, bx1);
    double ch = Math.max(ay2, by2) - Math.min(ay1, by1);
    double c2 = cw * cw + ch * ch + EPS;
    double dx = bx1 + bx2 - ax1 - ax2, dy = by1 + by2 - ay1 - ay2;
    double rho2 = (dx * dx + dy * dy) / 4;
    double dv = Math.atan(w2 / h2) - Math.atan(w1 / h1);
    double v = 4 / (Math.PI * Math.PI) * dv * dv;
    double alpha = v / (v - iou + (1 + EPS));
    return iou - (rho2 / c2 + v * alpha);
  }
}
