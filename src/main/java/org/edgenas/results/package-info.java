/**
 * What is made from a finished or running run, fed from the run folder as read by
 * {@link org.edgenas.run.Run}: export of front models ({@link org.edgenas.results.Exporter}: space
 * file via {@link org.edgenas.results.SpaceWriter}, Ultralytics YAML via
 * {@link org.edgenas.results.UltralyticsYaml}, metrics, manifest; ONNX through a
 * {@link org.edgenas.results.ModelMaterializer}), the choice of models
 * ({@link org.edgenas.results.ModelSelection}), exact hypervolume
 * ({@link org.edgenas.results.Hypervolume}) and the HTML report
 * ({@link org.edgenas.results.HtmlReport}, JFreeChart plots). Depends on run, evaluation, recipe,
 * arch, space and surrogate.
 */
package org.edgenas.results;
