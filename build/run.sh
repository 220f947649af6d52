#!/usr/bin/env bash
# Starts Mosovo. With no connection string configured (ConnectionStrings__Mosovo, and ConnectionStrings__MosovoOwner
# for migrations when the API's login does not own the schema), it first starts a private
# PostgreSQL cluster kept in .data/postgres of this checkout (installing the Debian package postgresql if it is
# missing and you are root). --demo loads a few obviously fictional offenders first.
#   build/run.sh [--demo]
# Listens where ASPNETCORE_URLS says (default http://127.0.0.1:5080).
set -euo pipefail
cd "$(dirname "$0")/.."

demo=0
for arg in "$@"; do
  case "$arg" in
    --demo) demo=1 ;;
    *) echo "usage: build/run.sh [--demo]" >&2; exit 2 ;;
  esac
done

export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
export ASPNETCORE_URLS=${ASPNETCORE_URLS:-http://127.0.0.1:5080}
if [ -z "${ConnectionStrings__Mosovo:-}" ]; then
  port=${MOSOVO_LOCAL_PG_PORT:-55432}
  infra/postgres/cluster.sh start .data/postgres "$port"
  # The API logs in as its own role (created by the migrations); migrations run as the cluster's owner.
  export ConnectionStrings__Mosovo="Host=127.0.0.1;Port=$port;Username=mosovo_api;Database=mosovo"
  export ConnectionStrings__MosovoOwner="Host=127.0.0.1;Port=$port;Username=mosovo;Database=mosovo"
  echo "PostgreSQL: local cluster in .data/postgres on 127.0.0.1:$port (stop it with: infra/postgres/cluster.sh stop .data/postgres)"
fi

dotnet build src/Mosovo.Api -c Release -v quiet -nologo
api=(dotnet run --project src/Mosovo.Api -c Release --no-build --no-launch-profile --)
"${api[@]}" migrate
if [ "$demo" -eq 1 ]; then "${api[@]}" seed-demo; fi

cat <<MSG

Mosovo API: $ASPNETCORE_URLS   (OpenAPI: $ASPNETCORE_URLS/openapi/v1.json, browse: $ASPNETCORE_URLS/docs)
A token for curl (Development only):
  TOKEN=\$(build/token.sh --role OffenderManager --name "DC Example")
  curl -H "Authorization: Bearer \$TOKEN" $ASPNETCORE_URLS/offenders/<id>/timeline

MSG
exec "${api[@]}"
