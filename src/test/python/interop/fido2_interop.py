# Interop: Debian's python3-fido2 (an independent CTAP2 client) drives KeyDesk's software
# authenticator over UDP: getInfo, set PIN, makeCredential with a PIN token, getAssertion, and
# verification of the packed attestation and of the assertion signature with fido2's own code.
# Usage: /usr/bin/python3 fido2_interop.py DEVICE_PORT   (the simulator replies to the sender)
import hashlib
import sys

from fido2.attestation import PackedAttestation
from fido2.ctap2 import ClientPin, Ctap2

from udp_hid import open_device

PIN = "123456"
RP = {"id": "example.com", "name": "Example"}
USER = {"id": b"user-1", "name": "alice", "displayName": "Alice"}

device = open_device(int(sys.argv[1]))
ctap2 = Ctap2(device)
info = ctap2.info
print("info versions=%s clientPin=%s protocols=%s" % (
    ",".join(info.versions), info.options.get("clientPin"), info.pin_uv_protocols))

client_pin = ClientPin(ctap2)
client_pin.set_pin(PIN)
print("setPin ok clientPin=%s retries=%d" % (
    ctap2.get_info().options.get("clientPin"), client_pin.get_pin_retries()[0]))

client_data_hash = hashlib.sha256(b"interop make").digest()
token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.MAKE_CREDENTIAL, RP["id"])
attestation = ctap2.make_credential(
    client_data_hash,
    RP,
    USER,
    [{"type": "public-key", "alg": -7}],
    pin_uv_param=client_pin.protocol.authenticate(token, client_data_hash),
    pin_uv_protocol=client_pin.protocol.VERSION,
)
auth_data = attestation.auth_data
print("makeCredential fmt=%s up=%s uv=%s rpIdHash=%s" % (
    attestation.fmt, auth_data.is_user_present(), auth_data.is_user_verified(),
    auth_data.rp_id_hash == hashlib.sha256(RP["id"].encode()).digest()))
result = PackedAttestation().verify(attestation.att_statement, auth_data, client_data_hash)
print("attestation verified type=%s chain=%d" % (result.attestation_type.name, len(result.trust_path)))

credential = auth_data.credential_data
client_data_hash = hashlib.sha256(b"interop get").digest()
token = client_pin.get_pin_token(PIN, ClientPin.PERMISSION.GET_ASSERTION, RP["id"])
assertion = ctap2.get_assertion(
    RP["id"],
    client_data_hash,
    allow_list=[{"type": "public-key", "id": credential.credential_id}],
    pin_uv_param=client_pin.protocol.authenticate(token, client_data_hash),
    pin_uv_protocol=client_pin.protocol.VERSION,
)
assertion.verify(client_data_hash, credential.public_key)
print("getAssertion signature verified uv=%s counter_increased=%s" % (
    assertion.auth_data.is_user_verified(), assertion.auth_data.counter > auth_data.counter))
