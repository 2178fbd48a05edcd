/**
 * The surrogate accuracy model: Gaussian-process regression from architecture features to proxy
 * mAP with uncertainty ({@link org.edgenas.surrogate.GaussianProcess}), the features
 * ({@link org.edgenas.surrogate.ArchitectureFeatures}), the choice of which candidates are worth
 * proxy training ({@link org.edgenas.surrogate.SurrogateSelector}) and the fidelity measure
 * ({@link org.edgenas.surrogate.RankAgreement}). Its outputs are estimates and are labelled so.
 * Built on Commons Math only; depends on no other edgenas package but arch and cost.
 */
package org.edgenas.surrogate;
