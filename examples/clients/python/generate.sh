#!/bin/sh
# Generates the Python modules of quotewire.proto into gen/ (or $1) with
# grpc_tools.protoc (Debian: python3-grpc-tools). Protos the API imports from
# google/api/ (the HTTP mapping), when the build has put them in
# build/proto/googleapis, are generated too.
#   QUOTEWIRE_PROTO_DIR       default: the repository's proto/
#   QUOTEWIRE_GOOGLEAPIS_DIR  default: the repository's build/proto/googleapis
#   PYTHON                    default: python3
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here/gen}
proto_dir=${QUOTEWIRE_PROTO_DIR:-$here/../../../proto}
googleapis_dir=${QUOTEWIRE_GOOGLEAPIS_DIR:-$here/../../../build/proto/googleapis}
mkdir -p "$out"
set -- -I "$proto_dir" --python_out="$out" --grpc_python_out="$out" quotewire/v1/quotewire.proto
if [ -d "$googleapis_dir/google/api" ]; then
  set -- -I "$googleapis_dir" "$@" google/api/annotations.proto google/api/http.proto
fi
exec "${PYTHON:-python3}" -m grpc_tools.protoc "$@"
