/** `matbakh-recommendations.js`: `<mb-recommendations>` and the `<mb-recommendation-card>` it renders. */
import './use-recommendations.ts';
import '../recommendation-card/recommendation-card.ts';
import '../recommendations/recommendations.ts';
