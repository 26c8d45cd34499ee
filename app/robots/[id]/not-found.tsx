import Link from 'next/link';
import { StateMessage } from '@/components/ui/StateMessage';

// /robots/<id> for an id that names no robot of this fleet (HTTP 404).
export default function RobotNotFound() {
  return (
    <StateMessage title="Robot not found" testId="robot-not-found">
      No robot of this fleet has the id in the address. <Link href="/">Back to the fleet</Link>
    </StateMessage>
  );
}
