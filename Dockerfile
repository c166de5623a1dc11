# One image for every party of the mpassid-harness stack: mock Entra ID, mock MPASSid and the sample services.
#   docker build -t mpassid-harness:0.2.0 .                     (BASE_IMAGE: any Debian/Ubuntu-based image with Node 20.19+)
#   docker run --rm --network host -e MPASSID_HARNESS_PARTY=mpassid -e MPASSID_HARNESS_SECRET_SEED=… mpassid-harness:0.2.0
# The party comes from MPASSID_HARNESS_PARTY (or the first argument): entra, mpassid, service or service-b. Every
# container of one stack needs the same MPASSID_HARNESS_* settings and MPASSID_HARNESS_SECRET_SEED.
ARG BASE_IMAGE=node:20-bookworm-slim

FROM ${BASE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY scripts/build.mjs scripts/
COPY harness harness
COPY mock-idp mock-idp
COPY sample-service sample-service
COPY scenarios/catalogue scenarios/catalogue
RUN node scripts/build.mjs

FROM ${BASE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
# Only what the parties run: no TypeScript, no Playwright (a peer of the fixtures), no install scripts.
RUN npm ci --omit=dev --omit=peer --no-audit --no-fund --ignore-scripts && npm cache clean --force

FROM ${BASE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /src/dist dist
COPY package.json ./
# Non-root: uid 1000 exists in node images and needs no entry elsewhere.
USER 1000:1000
EXPOSE 5600 5601 5602 5603
HEALTHCHECK --interval=2s --timeout=3s --start-period=5s --retries=15 CMD ["node", "dist/harness/party/party-health.js"]
# A small young generation and a capped old one keep a party's memory flat under load (bench/README.md).
ENTRYPOINT ["node", "--max-semi-space-size=2", "--max-old-space-size=192", "dist/harness/party/start-party.js"]
