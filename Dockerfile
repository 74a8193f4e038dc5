# syntax=docker/dockerfile:1
# Rampart's container image: a standalone Next.js server on Node 20 with Debian's Chromium for PDF export, run as
# UID 10001 on a read-only root filesystem (mount emptyDirs on /tmp and /app/.next/cache; deploy/kubernetes does).
# The final stage has no shell, package manager or coreutils. Build: docker build -t rampart .

ARG NODE_IMAGE=node:20-bookworm-slim

# Dependencies (postinstall generates the Prisma client from prisma/schema.prisma).
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json prisma.config.ts ./
COPY stubs ./stubs
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

# The standalone server, completed with its static assets and the peer-address preload (scripts/standalone.mjs).
FROM deps AS build
COPY . .
ENV NEXT_TELEMETRY_DISABLED=1 NEXT_DIST_DIR=.next
RUN npx next build && node scripts/standalone.mjs .next && cp scripts/healthcheck.cjs .next/standalone/

# Node, Debian's Chromium and its fonts; then every shell and tool goes (node and Chromium need none: the
# /usr/bin/chromium wrapper is itself a shell script, so the image points at the real binary).
FROM ${NODE_IMAGE} AS node
FROM debian:bookworm-slim AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-dejavu-core ca-certificates tzdata \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt /var/log/* \
 && echo "rampart:x:10001:10001:rampart:/tmp:/sbin/nologin" >> /etc/passwd \
 && echo "rampart:x:10001:" >> /etc/group
COPY --from=node /usr/local/bin/node /usr/local/bin/node
RUN find /usr/bin /usr/sbin /usr/local/sbin -mindepth 1 -maxdepth 1 -delete \
 && rm -rf /usr/share/doc /usr/share/man /usr/share/info /usr/lib/apt /usr/lib/dpkg /var/lib/dpkg /etc/apt

# One clean layer: nothing deleted above survives in a lower layer.
FROM scratch
COPY --from=runtime / /
COPY --from=build /src/.next/standalone /app
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    HOSTNAME=0.0.0.0 \
    PORT=3000 \
    HOME=/tmp \
    RAMPART_DATA_DIR=/tmp/rampart \
    CHROMIUM_PATH=/usr/lib/chromium/chromium
# Application files stay owned by root: the server (UID 10001) cannot change them even with a writable root.
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 CMD ["/usr/local/bin/node", "/app/healthcheck.cjs"]
ENTRYPOINT ["/usr/local/bin/node", "--require", "/app/peer-address.cjs"]
CMD ["/app/server.js"]
