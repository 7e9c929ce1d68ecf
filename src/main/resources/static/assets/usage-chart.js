// The Usage page's chart: tokens per day (stacked bars: prompt, completion) and cost per day (line,
// right axis), from the JSON in <script id="usage-data">. Chart.js comes from its WebJar.
(function () {
  'use strict';

  var usd = function (value) {
    return '$' + Number(value).toLocaleString('en-US', {maximumSignificantDigits: 3});
  };

  function draw() {
    var canvas = document.getElementById('usage-chart');
    var data = document.getElementById('usage-data');
    if (!canvas || !data || typeof Chart === 'undefined') {
      return;
    }
    var days = JSON.parse(data.textContent);
    var wide = canvas.parentElement.clientWidth > 560; // axis titles only where they fit beside the ticks
    var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    new Chart(canvas, {
      type: 'bar',
      data: {
        labels: days.map(function (d) { return d.date.substring(5); }),
        datasets: [
          {label: 'Prompt tokens', data: days.map(function (d) { return d.prompt; }),
            backgroundColor: '#3b5bdb', stack: 'tokens', yAxisID: 'tokens'},
          {label: 'Completion tokens', data: days.map(function (d) { return d.completion; }),
            backgroundColor: '#91a7ff', stack: 'tokens', yAxisID: 'tokens'},
          {label: 'Cost (USD)', type: 'line', data: days.map(function (d) { return Number(d.usd); }),
            borderColor: '#c2255c', backgroundColor: '#c2255c', pointRadius: 2, tension: 0.2, yAxisID: 'cost'}
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduced ? false : {duration: 300},
        interaction: {mode: 'index', intersect: false},
        scales: {
          x: {stacked: true, grid: {display: false}},
          tokens: {type: 'linear', position: 'left', stacked: true, beginAtZero: true,
            title: {display: wide, text: 'tokens'}},
          cost: {type: 'linear', position: 'right', beginAtZero: true, grid: {drawOnChartArea: false},
            ticks: {callback: usd}, title: {display: wide, text: 'USD'}}
        },
        plugins: {
          legend: {position: 'bottom'},
          tooltip: {callbacks: {label: function (item) {
            return item.dataset.label + ': ' + (item.dataset.yAxisID === 'cost' ? usd(item.raw) : Number(item.raw).toLocaleString('en-US'));
          }}}
        }
      }
    });
    canvas.setAttribute('data-rendered', 'true');
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
