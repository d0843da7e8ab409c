# syntax=docker/dockerfile:1
# netpol-review GitHub App. Build: docker build -t netpol-review .
# Run:   docker run -p 3000:3000 -e APP_ID=… -v "$PWD/key.pem:/run/secrets/key.pem:ro" \
#          -e PRIVATE_KEY_PATH=/run/secrets/key.pem --env-file webhook-secret.env netpol-review
# The private key is a mounted file, never `-e PRIVATE_KEY=…` (docker inspect shows the
# environment). See docs/install.md for every variable, GitHub Enterprise Server included.

ARG NODE_IMAGE=node:26-slim

# 1. Compile the TypeScript with the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json

# 2. The runtime: production dependencies and the compiled app only, as a non-root user.
FROM ${NODE_IMAGE}
# tini as PID 1 forwards SIGTERM to node: on `docker stop` the app refuses new deliveries (503),
# completes the check runs it had started as "cancelled" (within SHUTDOWN_GRACE_S, 8 s; docker
# waits 10 before SIGKILL), then exits.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
COPY app.yml ./
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG once the server is up.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/ping`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# What `npm start` runs, without npm in between: the app's own server (webhook body limit, 503
# while stopping) with the reviews in worker threads.
CMD ["node", "dist/src/github/main.js"]
