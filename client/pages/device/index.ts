import '../../audio/strings.ts';
import '../../styles/participant.css';

export { DeviceApp } from './DeviceApp.tsx';
