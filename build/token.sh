#!/usr/bin/env bash
# Prints a development token (Development only) for the local API:
#   build/token.sh --role OffenderManager|Supervisor|MappaPartner|Auditor [--name "DC Example"] [--team "North MOSOVO"] [--agency Police]
set -euo pipefail
cd "$(dirname "$0")/.."
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
exec dotnet run --project src/Mosovo.Api -c Release --no-launch-profile -v quiet -- token "$@"
