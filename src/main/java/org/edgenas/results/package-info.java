/**
 * What a run leaves behind, read from its folder's files (no class of the search): the run
 * reader ({@link org.edgenas.results.RunFolder}), exact hypervolume
 * ({@link org.edgenas.results.Hypervolume}), export of front models
 * ({@link org.edgenas.results.Exporter}: space file via {@link org.edgenas.results.SpaceWriter},
 * Ultralytics YAML via {@link org.edgenas.results.UltralyticsYaml}, metrics, manifest; ONNX through
 * a {@link org.edgenas.results.ModelMaterializer}) and the HTML report
 * ({@link org.edgenas.results.HtmlReport}, JFreeChart plots). Depends on arch, space, cost and surrogate.
 */
package org.edgenas.results;
