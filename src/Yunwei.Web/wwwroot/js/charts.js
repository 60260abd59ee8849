// Apache ECharts draws the dashboard's charts. Its script (~1 MB, shipped in the Vizor.ECharts package) is
// loaded on the pages that draw a chart, once. The options arrive as plain JSON from Blazor and go to
// ECharts as they are: nothing is evaluated, which the content security policy forbids (ADR-017).
let loading;

function load(src) {
    if (window.echarts) {
        return Promise.resolve();
    }

    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement('script');
        script.src = src;
        script.onload = () => resolve();
        script.onerror = () => { loading = undefined; reject(new Error('charts did not load')); };
        document.head.appendChild(script);
    });
    return loading;
}

export async function draw(element, src, options) {
    await load(src);
    let chart = window.echarts.getInstanceByDom(element);
    if (!chart) {
        chart = window.echarts.init(element, null, { renderer: 'svg' });
        // The card's width follows the window and the menu; the chart follows the card.
        element.chartResize = new ResizeObserver(() => chart.resize());
        element.chartResize.observe(element);
    }

    chart.setOption(options, { notMerge: true });
    element.dataset.drawn = 'true';
}

export function dispose(element) {
    element.chartResize?.disconnect();
    window.echarts?.getInstanceByDom(element)?.dispose();
}
