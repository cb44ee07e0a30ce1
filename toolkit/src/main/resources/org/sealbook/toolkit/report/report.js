// Draws every figure from its embedded Plotly spec; the PNG stays in view until the drawing has finished, so a
// figure that cannot be drawn still shows as a picture (and its error reaches the browser console).
(function () {
  'use strict';
  document.querySelectorAll('figure.report-figure').forEach(function (figure) {
    var spec = JSON.parse(figure.querySelector('script.report-figure-spec').textContent);
    var live = figure.querySelector('.report-figure-live');
    var still = figure.querySelector('.report-figure-still');
    var config = Object.assign({ responsive: true, displaylogo: false }, spec.config || {});
    Plotly.newPlot(live, spec.data, spec.layout || {}, config).then(function () {
      still.hidden = true;
    });
  });
})();
