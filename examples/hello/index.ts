import * as berth from "berth";

/** One web app on the local Docker engine, answering on http://127.0.0.1:8080. */
export = () => {
    const net = new berth.AppNetwork("hello", {});
    const web = new berth.ContainerApp("web", {
        network: net,
        image: "berth-test/web:1",
        ports: [{ name: "http", port: 8080, publish: 8080 }],
        env: { MESSAGE: "hello, berth" },
        healthCheck: { http: { path: "/", port: 8080 } },
        security: { runAsUser: 10001, runAsGroup: 10001 },
    });
    return { url: web.url };
};
