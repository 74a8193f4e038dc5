// The container image's HEALTHCHECK: the final stage has no shell or curl, so node asks /api/health itself.
// Exit 0 on 200, 1 on anything else or no answer within 4 s.
const http = require("node:http");

const request = http.get(
  { host: "127.0.0.1", port: Number(process.env.PORT) || 3000, path: "/api/health", timeout: 4000 },
  (response) => {
    response.resume();
    process.exit(response.statusCode === 200 ? 0 : 1);
  },
);
request.on("timeout", () => request.destroy(new Error("timed out")));
request.on("error", () => process.exit(1));
