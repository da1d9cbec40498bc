# syntax=docker/dockerfile:1
# The backend as a container: built with the development dependencies, run with production ones only.
#   docker build -t course-booking .
#   docker run --env-file .env -p 8787:8787 course-booking

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.server.json rollup.config.mjs custom-elements-manifest.config.mjs ./
COPY common ./common
COPY server ./server
COPY widget ./widget
RUN npm run build

FROM node:24-bookworm-slim AS run
ENV NODE_ENV=production \
    PORT=8787
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# npm run migrate, npm run doctor and npm run setup:stripe run the compiled entries through this.
COPY scripts/run-entry.mjs ./scripts/run-entry.mjs
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "dist/node/server/src/index.js"]
