import { isProtocol, type Protocol } from "../model/protocol.js";
import { UsageError } from "./io.js";

/** `8080`, `53/udp`, `9000/TCP`: a port and a protocol (TCP by default, any case). */
export function parsePortArg(text: string): { port: number; protocol: Protocol } {
  const [portText, protocolText = "TCP"] = text.split("/");
  const port = Number(portText);
  const protocol = protocolText.toUpperCase();
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`--port ${text}: the port must be 1-65535`);
  if (!isProtocol(protocol)) throw new UsageError(`--port ${text}: the protocol must be TCP, UDP or SCTP`);
  return { port, protocol };
}
