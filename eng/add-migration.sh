#!/usr/bin/env bash
# Adds a migration with the same name to both providers: eng/add-migration.sh NAME
set -euo pipefail
name=${1:?usage: eng/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  project=src/Yunwei.Data.Migrations.$provider
  dotnet ef migrations add "$name" --project "$project" --startup-project "$project" --output-dir Migrations
done
