// Preloaded into the server by `npm start` (node --require). Route handlers never see the TCP peer: Next only
// copies it into X-Forwarded-For when the client sent none, so a client can claim any address. This stamps the
// real peer on every request under a header of our own, overwriting whatever the client sent under that name
// (lib/http/client-address.ts reads it and decides whether X-Forwarded-For may be believed).
const http = require("node:http");
const https = require("node:https");

const PEER_ADDRESS_HEADER = "x-rampart-peer-address";

function stampPeer(request) {
  request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
}

for (const module of [http, https]) {
  const createServer = module.createServer;
  module.createServer = function createServerWithPeer(...args) {
    const server = createServer.apply(this, args);
    server.prependListener("request", stampPeer);
    return server;
  };
}

module.exports = { PEER_ADDRESS_HEADER, stampPeer };
