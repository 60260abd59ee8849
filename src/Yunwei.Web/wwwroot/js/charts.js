// Apache ECharts (through Vizor.ECharts) is large: it is loaded on the dashboard only, once.
let loading;

export function load(src) {
    if (window.vizorECharts) {
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
