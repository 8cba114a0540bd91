# The API image. Build: docker compose build; the same image runs the seed and (later) the worker.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
# glibc hands freed memory back instead of keeping all below its largest freed block (bench/server-process.ts).
ENV MALLOC_MMAP_THRESHOLD_=131072
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/profiles ./profiles
# The 360Giving schema the register validates against, and the register's page templates.
COPY --from=build /app/standards ./standards
COPY --from=build /app/apps/api/src/register-pages/views ./apps/api/src/register-pages/views
COPY package.json ./
USER node
EXPOSE 3000
# A bounded heap makes V8 collect as it goes: the open-data files stream a million grants in flat memory.
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=8", "dist/apps/api/src/main.js"]
